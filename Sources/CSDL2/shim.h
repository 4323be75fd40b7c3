// SDL2 with SDL_image (PNG) and SDL_ttf (text) (Debian: libsdl2-dev,
// libsdl2-image-dev, libsdl2-ttf-dev).
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
