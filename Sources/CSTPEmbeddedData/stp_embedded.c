// The embedded 2017-18 dataset and the shipped themes as bytes, included by the C compiler's
// #embed (C23; clang 19 and later). The files in Data/ and themes/ are the single source
// (scripts/convert-*.py write Data/); this file only names them. Compiled as C because a Swift
// array literal of the same 370 kB is type-checked element by element: a clean build took 74 s
// with it, about 20 s with this (DECISIONS.md, 2026-12-02).
#include "stp_embedded.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char footprints[] = {
#embed "Data/footprints.csv"
};
static const unsigned char ratings[] = {
#embed "Data/ratings.csv"
};
static const unsigned char band_totals[] = {
#embed "Data/band_totals.csv"
};
static const unsigned char partners[] = {
#embed "Data/partners.csv"
};
static const unsigned char partner_counts[] = {
#embed "Data/partner_counts.csv"
};
static const unsigned char waves[] = {
#embed "Data/waves.csv"
};
static const unsigned char funding[] = {
#embed "Data/funding.csv"
};
static const unsigned char designations[] = {
#embed "Data/designations.csv"
};
static const unsigned char leaders[] = {
#embed "Data/leaders.csv"
};
static const unsigned char councils[] = {
#embed "Data/councils.csv"
};
static const unsigned char lineage[] = {
#embed "Data/lineage.csv"
};
static const unsigned char boundaries[] = {
#embed "Data/boundaries.txt"
};
static const unsigned char icb_boundaries[] = {
#embed "Data/icb-boundaries.txt"
};
static const unsigned char areas[] = {
#embed "Data/areas.txt"
};

#define FILE_ENTRY(file, array) {file, array, sizeof array}

static const stp_embedded_file files[] = {
  FILE_ENTRY("footprints.csv", footprints),
  FILE_ENTRY("ratings.csv", ratings),
  FILE_ENTRY("band_totals.csv", band_totals),
  FILE_ENTRY("partners.csv", partners),
  FILE_ENTRY("partner_counts.csv", partner_counts),
  FILE_ENTRY("waves.csv", waves),
  FILE_ENTRY("funding.csv", funding),
  FILE_ENTRY("designations.csv", designations),
  FILE_ENTRY("leaders.csv", leaders),
  FILE_ENTRY("councils.csv", councils),
  FILE_ENTRY("lineage.csv", lineage),
  FILE_ENTRY("boundaries.txt", boundaries),
  FILE_ENTRY("areas.txt", areas),
  FILE_ENTRY("icb-boundaries.txt", icb_boundaries),
};

// The theme files of themes/ (through the Themes link to the top-level folder), in cycling order,
// the default first. They were a SwiftPM embedInCode resource: a Swift array literal built at its
// first use, about 0.4 ms of every start (issue 26; DECISIONS.md 2026-12-03).
static const unsigned char default_toml[] = {
#embed "Themes/default.toml"
};
static const unsigned char light_toml[] = {
#embed "Themes/light.toml"
};
static const unsigned char high_contrast_toml[] = {
#embed "Themes/high-contrast.toml"
};
static const unsigned char colour_blind_safe_toml[] = {
#embed "Themes/colour-blind-safe.toml"
};
static const unsigned char projector_toml[] = {
#embed "Themes/projector.toml"
};
static const unsigned char mono_toml[] = {
#embed "Themes/mono.toml"
};

static const stp_embedded_file themes[] = {
  FILE_ENTRY("default.toml", default_toml),
  FILE_ENTRY("light.toml", light_toml),
  FILE_ENTRY("high-contrast.toml", high_contrast_toml),
  FILE_ENTRY("colour-blind-safe.toml", colour_blind_safe_toml),
  FILE_ENTRY("projector.toml", projector_toml),
  FILE_ENTRY("mono.toml", mono_toml),
};

const stp_embedded_file *stp_theme_files(size_t *count) {
  *count = sizeof themes / sizeof themes[0];
  return themes;
}

const stp_embedded_file *stp_embedded_files(size_t *count) {
  *count = sizeof files / sizeof files[0];
  return files;
}
