#pragma once
// Setting a named uniform on a state set, adding it the first time (Sunlight.cpp, Look.cpp).

#include <osg/StateSet>
#include <osg/Uniform>

namespace cunjing::scene::detail {

template <class T>
void setUniform(osg::StateSet& ss, const char* name, const T& value) {
    if (osg::Uniform* u = ss.getUniform(name))
        u->set(value);
    else
        ss.addUniform(new osg::Uniform(name, value));
}

}  // namespace cunjing::scene::detail
