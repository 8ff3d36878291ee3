// Finds CSV delimiters and non-ASCII bytes 16 bytes at a time with SSE2 (every x86-64 CPU has
// it), for the model's row scanner and UTF-8 check. Swift's SIMD types compile byte comparisons
// to a scalar loop here (Swift 6.3), so these two functions are C; see DECISIONS.md.
#ifndef STP_SCAN_H
#define STP_SCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define STP_SCAN_SIMD 1
#else
#define STP_SCAN_SIMD 0
#endif

/// Bit i of each mask stands for byte p[i] of the 64 bytes at p.
typedef struct {
  uint64_t comma;    // ','
  uint64_t newline;  // '\n'
  uint64_t quote;    // '"'
  uint64_t cr;       // '\r': the row needs the general scanner
} stp_masks;

/// The delimiter masks of the 64 bytes at p (all 64 must be readable).
static inline stp_masks stp_scan64(const uint8_t *p) {
  stp_masks m = {0, 0, 0, 0};
#if STP_SCAN_SIMD
  const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
    m.comma |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << (16 * i);
    m.newline |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)) << (16 * i);
    m.quote |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << (16 * i);
    m.cr |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr)) << (16 * i);
  }
#else
  for (int i = 0; i < 64; i++) {
    uint64_t bit = (uint64_t)1 << i;
    if (p[i] == ',') m.comma |= bit;
    else if (p[i] == '\n') m.newline |= bit;
    else if (p[i] == '"') m.quote |= bit;
    else if (p[i] == '\r') m.cr |= bit;
  }
#endif
  return m;
}

/// Bit i stands for byte p[i] of the 64 bytes at p being non-ASCII (0x80 or above): where the
/// UTF-8 check jumps to when a block is not all ASCII.
static inline uint64_t stp_high64(const uint8_t *p) {
#if STP_SCAN_SIMD
  uint64_t m = 0;
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
    m |= (uint64_t)(uint16_t)_mm_movemask_epi8(v) << (16 * i);
  }
  return m;
#else
  uint64_t m = 0;
  for (int i = 0; i < 64; i++) m |= (uint64_t)(p[i] >> 7) << i;
  return m;
#endif
}

// The lease calls live in their own header, included here too so that a build whose module
// cache predates that header (the umbrella directory's new file is not noticed) rebuilds it.
#include "stp_lease.h"

#endif
