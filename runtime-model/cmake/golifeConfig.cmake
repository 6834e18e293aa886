# find_package(golife) for an installed runtime: golife::runtime (the
# library and its headers) and golife::golife-run (the explorer).
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74 COMPONENTS context)
include("${CMAKE_CURRENT_LIST_DIR}/golifeTargets.cmake")
