#include "GoldenImage.h"

#include "TestPaths.h"

#include <osgDB/ReadFile>
#include <osgDB/WriteFile>

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace cunjing::test {

namespace {

bool updateRequested() {
    const char* v = std::getenv("CUNJING_UPDATE_GOLDENS");
    return v && std::string(v) == "1";
}

/// RGB(A) 8-bit images only: what our renderer writes.
int channelsOf(const osg::Image& image) {
    if (image.getDataType() != GL_UNSIGNED_BYTE)
        return 0;
    switch (image.getPixelFormat()) {
        case GL_RGB:
            return 3;
        case GL_RGBA:
            return 4;
        default:
            return 0;
    }
}

}  // namespace

GoldenComparison compareWithGolden(const osg::Image& actual, const std::string& name,
                                   const GoldenThresholds& t) {
    GoldenComparison result;
    const auto goldenPath = sourceDir() / "tests" / "render" / "golden" / (name + ".png");
    const auto outDir = outputDir("render");
    if (updateRequested()) {
        osgDB::writeImageFile(actual, goldenPath.string());
        result.passed = true;
        result.message = "golden rewritten: " + goldenPath.string();
        return result;
    }
    osg::ref_ptr<osg::Image> golden = osgDB::readRefImageFile(goldenPath.string());
    const int ca = channelsOf(actual);
    if (!golden || ca == 0 || channelsOf(*golden) == 0 || golden->s() != actual.s() ||
        golden->t() != actual.t()) {
        osgDB::writeImageFile(actual, (outDir / (name + ".actual.png")).string());
        result.message = "golden " + goldenPath.string() +
                         " missing or of another size/format; actual written to " +
                         (outDir / (name + ".actual.png")).string() +
                         " (CUNJING_UPDATE_GOLDENS=1 to accept it)";
        return result;
    }
    const int cg = channelsOf(*golden);
    osg::ref_ptr<osg::Image> diff = new osg::Image;
    diff->allocateImage(actual.s(), actual.t(), 1, GL_RGB, GL_UNSIGNED_BYTE);
    long differing = 0;
    double sum = 0;
    const long pixels = static_cast<long>(actual.s()) * actual.t();
    for (int y = 0; y < actual.t(); ++y) {
        const unsigned char* a = actual.data(0, y);
        const unsigned char* g = golden->data(0, y);
        unsigned char* d = diff->data(0, y);
        for (int x = 0; x < actual.s(); ++x) {
            int worst = 0;
            for (int c = 0; c < 3; ++c) {
                const int delta = std::abs(int(a[x * ca + c]) - int(g[x * cg + c]));
                worst = std::max(worst, delta);
                sum += delta;
            }
            if (worst > t.pixelTolerance)
                ++differing;
            const auto v = static_cast<unsigned char>(std::min(255, worst * 4));
            d[x * 3] = v;
            d[x * 3 + 1] = worst > t.pixelTolerance ? 0 : v;
            d[x * 3 + 2] = worst > t.pixelTolerance ? 0 : v;
        }
    }
    result.differingFraction = double(differing) / double(pixels);
    result.meanDifference = sum / double(pixels * 3);
    result.passed = result.differingFraction <= t.maxDifferingFraction &&
                    result.meanDifference <= t.maxMeanDifference;
    std::ostringstream msg;
    msg << name << ": " << result.differingFraction * 100 << "% of pixels differ by more than "
        << t.pixelTolerance << " (limit " << t.maxDifferingFraction * 100 << "%), mean difference "
        << result.meanDifference << " (limit " << t.maxMeanDifference << ")";
    if (!result.passed) {
        const auto actualPath = outDir / (name + ".actual.png");
        const auto diffPath = outDir / (name + ".diff.png");
        osgDB::writeImageFile(actual, actualPath.string());
        osgDB::writeImageFile(*diff, diffPath.string());
        msg << "; wrote " << actualPath.string() << " and " << diffPath.string();
    }
    result.message = msg.str();
    return result;
}

ImageStats imageStats(const osg::Image& image) {
    ImageStats stats;
    const int c = channelsOf(image);
    if (c == 0)
        return stats;
    double sum = 0, sumSq = 0;
    std::set<int> colours;
    const double n = double(image.s()) * image.t();
    for (int y = 0; y < image.t(); ++y) {
        const unsigned char* p = image.data(0, y);
        for (int x = 0; x < image.s(); ++x, p += c) {
            const double lum = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            sum += lum;
            sumSq += lum * lum;
            colours.insert((p[0] >> 2) << 12 | (p[1] >> 2) << 6 | (p[2] >> 2));
        }
    }
    stats.meanLuminance = sum / n;
    stats.luminanceStdDev =
        std::sqrt(std::max(0.0, sumSq / n - stats.meanLuminance * stats.meanLuminance));
    stats.distinctColours = static_cast<int>(colours.size());
    return stats;
}

}  // namespace cunjing::test
