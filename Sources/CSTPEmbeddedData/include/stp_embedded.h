#ifndef STP_EMBEDDED_H
#define STP_EMBEDDED_H

#include <stddef.h>

/// One file of the embedded data: its name and its bytes, which live in the executable's
/// read-only data for the life of the process.
typedef struct {
  const char *name;
  const unsigned char *bytes;
  size_t count;
} stp_embedded_file;

/// Every embedded file: the CSVs in load order, then the map's boundaries.txt and areas.txt.
/// `*count` gets how many there are.
const stp_embedded_file *stp_embedded_files(size_t *count);

/// The shipped theme files of themes/, in cycling order (the default first).
const stp_embedded_file *stp_theme_files(size_t *count);

#endif
