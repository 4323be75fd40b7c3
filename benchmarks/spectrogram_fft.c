// The spectrogram's FFTs three ways, side by side, in FFTW alone, all planned with
// FFTW_ESTIMATE as Earshot plans them:
//   real:        122 real transforms of 128 samples, one per frame and ear (Earshot up to
//                3449e47);
//   interleaved: the two ears packed as one complex signal, left + i·right, 61 complex
//                transforms, real and imaginary parts interleaved, the spectra written
//                bin-major (6c880ca to bd3ef3d);
//   split:       the same 61 packed transforms with real and imaginary parts in arrays of
//                their own, frame after frame (what Earshot runs now, `BatchFFT`).
// The packed layouts need a few operations more to split the ears apart and round
// differently; the split one leaves the spectra frame-major, so the spectrogram transposes
// its levels afterwards.
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
  int size = length * frames;
  float *real_in = fftwf_alloc_real(2 * size);
  fftwf_complex *real_out = fftwf_alloc_complex((length / 2 + 1) * 2 * frames);
  float *interleaved_in = fftwf_alloc_real(2 * size);
  float *interleaved_out = fftwf_alloc_real(2 * size);
  float *split_in = fftwf_alloc_real(2 * size);
  float *split_out = fftwf_alloc_real(2 * size);
  fftwf_plan real = fftwf_plan_many_dft_r2c(
      1, &n, 2 * frames, real_in, NULL, 1, length, real_out, NULL, 1, length / 2 + 1,
      FFTW_ESTIMATE);
  // Strides in floats. Interleaved: 2 along a transform and 2 × length between frames in;
  // out, bin k of frame t at 2 (k × frames + t).
  fftwf_iodim along = {length, 2, 2 * frames}, across = {frames, 2 * length, 2};
  fftwf_plan interleaved = fftwf_plan_guru_split_dft(
      1, &along, 1, &across, interleaved_in, interleaved_in + 1, interleaved_out,
      interleaved_out + 1, FFTW_ESTIMATE);
  // Split: 1 along a transform, `length` between frames, in and out.
  fftwf_iodim split_along = {length, 1, 1}, split_across = {frames, length, length};
  fftwf_plan split = fftwf_plan_guru_split_dft(
      1, &split_along, 1, &split_across, split_in, split_in + size, split_out,
      split_out + size, FFTW_ESTIMATE);
  // A fixed pseudo-random signal, the same in every layout: left ears, then right ears.
  unsigned state = 12345;
  for (int i = 0; i < 2 * size; i++) {
    state = state * 1664525u + 1013904223u;
    real_in[i] = (float)(state >> 8) / (1 << 24) - 0.5f;
  }
  for (int i = 0; i < size; i++) {
    interleaved_in[2 * i] = split_in[i] = real_in[i];
    interleaved_in[2 * i + 1] = split_in[size + i] = real_in[size + i];
  }
  printf("real:        ");
  fftwf_print_plan(real);
  printf("\ninterleaved: ");
  fftwf_print_plan(interleaved);
  printf("\nsplit:       ");
  fftwf_print_plan(split);
  // One untimed call each first, so that no round pays for touching the memory.
  fftwf_execute(real);
  fftwf_execute(interleaved);
  fftwf_execute(split);
  printf("\nround  real_us  interleaved_us  split_us  real/split  interleaved/split\n");
  for (int r = 1; r <= rounds; r++) {
    double a = time_plan(real), b = time_plan(interleaved), c = time_plan(split);
    printf("%5d  %7.1f  %14.1f  %8.1f  %10.2f  %17.2f\n", r, a, b, c, a / c, b / c);
  }
  fftwf_destroy_plan(real);
  fftwf_destroy_plan(interleaved);
  fftwf_destroy_plan(split);
  fftwf_free(real_in);
  fftwf_free(real_out);
  fftwf_free(interleaved_in);
  fftwf_free(interleaved_out);
  fftwf_free(split_in);
  fftwf_free(split_out);
  return 0;
}
