#include <cunjing/geo/Crs.h>

#include <gtest/gtest.h>

using namespace cunjing::geo;

TEST(Crs, KnowsCgcs2000GaussKruger) {
    auto crs = Crs::fromUserString("EPSG:4547");
    ASSERT_TRUE(crs.ok()) << crs.firstError();
    EXPECT_TRUE(crs->isProjected());
    EXPECT_EQ(crs->shortName(), "EPSG:4547");
}

TEST(Crs, UnknownCodeIsAnErrorNamingIt) {
    auto crs = Crs::fromUserString("EPSG:999999");
    ASSERT_FALSE(crs.ok());
    EXPECT_NE(crs.firstError().find("EPSG:999999"), std::string::npos);
}

TEST(Crs, RefusesFileNamesAsCrs) {
    EXPECT_FALSE(Crs::fromUserString("/etc/passwd").ok());
}

TEST(Transform, Cgcs2000RoundTripAtGuangzhouStaysWithinOneMillimetre) {
    auto geo = Crs::fromUserString("EPSG:4490").value();
    auto gk = Crs::fromUserString("EPSG:4547").value();
    auto there = Transform::create(geo, gk).value();
    auto back = Transform::create(gk, geo).value();
    double x = 113.2644, y = 23.1291;  // Guangzhou
    ASSERT_TRUE(there.apply(x, y));
    EXPECT_NEAR(x, 500000 - 75000, 2000);  // about 75 km west of the 114E central meridian
    double lon = x, lat = y;
    ASSERT_TRUE(back.apply(lon, lat));
    double x2 = lon, y2 = lat;
    ASSERT_TRUE(there.apply(x2, y2));
    EXPECT_NEAR(x2, x, 0.001);
    EXPECT_NEAR(y2, y, 0.001);
}

TEST(Transform, ZonePrefixedEastingDiffersByExactly38Million) {
    auto geo = Crs::fromUserString("EPSG:4490").value();
    auto prefixed = Transform::create(geo, Crs::fromUserString("EPSG:4526").value()).value();
    auto plain = Transform::create(geo, Crs::fromUserString("EPSG:4547").value()).value();
    double x1 = 113.3, y1 = 23.1, x2 = 113.3, y2 = 23.1;
    ASSERT_TRUE(prefixed.apply(x1, y1));
    ASSERT_TRUE(plain.apply(x2, y2));
    EXPECT_NEAR(x1 - x2, 38000000.0, 1e-6);
    EXPECT_NEAR(y1, y2, 1e-6);
}

TEST(GaussKruger, ZoneFromLongitude) {
    EXPECT_EQ(gaussKrugerZone3(113.3), 38);  // Guangzhou
    EXPECT_EQ(gaussKrugerZone3(116.7), 39);  // Shantou
}
