#pragma once
// Helpers shared by the libFuzzer harnesses.
#include <cstdio>
#include <cstdlib>

// Aborts with a message when an invariant does not hold; libFuzzer then keeps
// the input that caused it. Unlike assert(), it also works in Release builds.
#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)
