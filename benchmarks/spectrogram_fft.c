// The spectrogram's FFTs two ways, side by side, in FFTW alone: what Earshot runs (122
// real transforms of 128 samples, one per frame and ear) against the two ears packed as
// one complex signal (61 complex transforms, left + i·right), which would need a few
// operations more to split the ears apart and rounds differently.
//
// Built and run by benchmarks/spectrogram_fft.sh.
#include <fftw3.h>
#include <stdio.h>
#include <time.h>

enum { length = 128, frames = 61, repeats = 2000, rounds = 5 };

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

// Microseconds per call of `plan`, over `repeats` calls.
static double time_plan(fftwf_plan plan) {
  double start = seconds();
  for (int k = 0; k < repeats; k++) fftwf_execute(plan);
  return (seconds() - start) / repeats * 1e6;
}

int main(void) {
  int n = length;
  float *real_in = fftwf_alloc_real(length * 2 * frames);
  fftwf_complex *real_out = fftwf_alloc_complex((length / 2 + 1) * 2 * frames);
  fftwf_complex *packed_in = fftwf_alloc_complex(length * frames);
  fftwf_complex *packed_out = fftwf_alloc_complex(length * frames);
  fftwf_plan real = fftwf_plan_many_dft_r2c(
      1, &n, 2 * frames, real_in, NULL, 1, length, real_out, NULL, 1, length / 2 + 1,
      FFTW_ESTIMATE);
  fftwf_plan packed = fftwf_plan_many_dft(
      1, &n, frames, packed_in, NULL, 1, length, packed_out, NULL, 1, length, FFTW_FORWARD,
      FFTW_ESTIMATE);
  // A fixed pseudo-random signal, the same in both layouts.
  unsigned state = 12345;
  for (int i = 0; i < length * 2 * frames; i++) {
    state = state * 1664525u + 1013904223u;
    real_in[i] = (float)(state >> 8) / (1 << 24) - 0.5f;
  }
  for (int t = 0; t < frames; t++) {
    for (int k = 0; k < length; k++) {
      packed_in[t * length + k][0] = real_in[t * length + k];
      packed_in[t * length + k][1] = real_in[(frames + t) * length + k];
    }
  }
  printf("real:   ");
  fftwf_print_plan(real);
  printf("\npacked: ");
  fftwf_print_plan(packed);
  printf("\nround  real_us  packed_us  ratio\n");
  for (int r = 1; r <= rounds; r++) {
    double a = time_plan(real), b = time_plan(packed);
    printf("%5d  %7.1f  %9.1f  %5.2f\n", r, a, b, a / b);
  }
  fftwf_destroy_plan(real);
  fftwf_destroy_plan(packed);
  fftwf_free(real_in);
  fftwf_free(real_out);
  fftwf_free(packed_in);
  fftwf_free(packed_out);
  return 0;
}
