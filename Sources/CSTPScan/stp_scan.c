// Everything is in include/stp_scan.h (static inline, so Swift inlines it); SwiftPM needs a
// source file per C target.
#include "stp_scan.h"
