#pragma once
// Tiles made on demand by osgViewer's database pager (internal to the scene module): a
// PagedLOD child named "<x>_<y>.<kind>" is asked of a ReadFileCallback set on the PagedLOD's
// database options, which makes the tile's node on the pager's thread. No file is read.

#include <osg/Node>
#include <osgDB/Callbacks>
#include <osgDB/Options>

#include <cstdio>
#include <functional>
#include <string>
#include <utility>

namespace cunjing::scene::detail {

class TileMaker : public osgDB::ReadFileCallback {
public:
    /// `make` is called on the pager's threads: it must be thread-safe and hold (by value or
    /// shared pointer) whatever it reads, as the pager may outlive the scene's data.
    using Make = std::function<osg::ref_ptr<osg::Node>(long x, long y)>;
    TileMaker(std::string kind, Make make) : kind_(std::move(kind)), make_(std::move(make)) {}

    std::string fileName(long x, long y) const {
        return std::to_string(x) + "_" + std::to_string(y) + "." + kind_;
    }

    /// Database options that route this maker's file names to it.
    osg::ref_ptr<osgDB::Options> options() {
        osg::ref_ptr<osgDB::Options> o = new osgDB::Options;
        o->setReadFileCallback(this);
        return o;
    }

    osgDB::ReaderWriter::ReadResult readNode(const std::string& name,
                                             const osgDB::Options*) override {
        long x = 0, y = 0;
        char kind[64] = {};
        if (std::sscanf(name.c_str(), "%ld_%ld.%63s", &x, &y, kind) != 3 || kind_ != kind)
            return osgDB::ReaderWriter::ReadResult::FILE_NOT_HANDLED;
        osg::ref_ptr<osg::Node> node = make_(x, y);
        if (!node)
            return osgDB::ReaderWriter::ReadResult::FILE_NOT_FOUND;
        return osgDB::ReaderWriter::ReadResult(node.get());
    }

private:
    std::string kind_;
    Make make_;
};

}  // namespace cunjing::scene::detail
