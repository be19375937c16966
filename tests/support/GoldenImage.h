#pragma once
/// Golden-image comparison for render tests.
///
/// Compares an image with a committed golden PNG by per-channel absolute difference and
/// passes when both the maximum share of differing pixels and the mean difference stay under
/// the caller's thresholds (each call documents why its thresholds are what they are).
/// On failure it writes <name>.actual.png and <name>.diff.png next to the test output.
/// CUNJING_UPDATE_GOLDENS=1 rewrites the golden instead of comparing.

#include <osg/Image>
#include <osg/ref_ptr>

#include <filesystem>
#include <string>

namespace cunjing::test {

struct GoldenThresholds {
    /// A pixel "differs" when any channel differs by more than this (0..255).
    int pixelTolerance = 24;
    /// At most this fraction of pixels may differ (0..1).
    double maxDifferingFraction = 0.01;
    /// The mean absolute channel difference over the image must stay under this (0..255).
    double maxMeanDifference = 2.0;
};

struct GoldenComparison {
    bool passed = false;
    double differingFraction = 0;
    double meanDifference = 0;
    std::string message;  ///< what was compared, the figures and where the artefacts went
};

/// golden: tests/render/golden/<name>.png; output artefacts go to outputDir("render").
GoldenComparison compareWithGolden(const osg::Image& actual, const std::string& name,
                                   const GoldenThresholds& thresholds);

/// Statistics used by render tests that check a frame is not blank.
struct ImageStats {
    double meanLuminance = 0;    ///< 0..255
    double luminanceStdDev = 0;  ///< spread; near 0 means a flat (empty) frame
    int distinctColours = 0;     ///< on a 6-bit-per-channel grid
};
ImageStats imageStats(const osg::Image& image);

}  // namespace cunjing::test
