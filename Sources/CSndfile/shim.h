// libsndfile: WAV, FLAC and Ogg files (Debian: libsndfile1-dev).
#include <sndfile.h>
