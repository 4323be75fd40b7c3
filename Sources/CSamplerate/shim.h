// libsamplerate: band-limited resampling (Debian: libsamplerate0-dev).
#include <samplerate.h>
