// glibc's allocator settings (mallopt); part of the C library, nothing to link.
#include <malloc.h>
