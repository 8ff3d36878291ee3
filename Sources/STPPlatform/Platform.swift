/// The platform's C library, chosen in this one place: every module that calls it (files,
/// memory maps, inotify, poll, signals, clocks, maths) imports `STPPlatform` instead of
/// repeating the choice between Glibc, Musl (the static build) and Darwin.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#elseif canImport(Darwin)
  @_exported import Darwin
#else
  #error("stp-dash needs a C library: Glibc, Musl or Darwin")
#endif
