# lit configuration for golife's tests: analyzer -verify tests, the tool's
# outputs, the clang-tidy module and scan-build.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "golife"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".cpp", ".test"]
# Inputs, the corpora and programs hold programs, not tests.
config.excludes = ["Inputs", "corpus", "programs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.golife_binary_dir, "test")

# use_clang() wants these, as in clang's own test tree.
config.clang_tools_dir = os.path.dirname(config.clang)
config.clang_src_dir = config.test_source_root
config.llvm_libs_dir = os.path.join(config.llvm_tools_dir, "..", "lib")
config.llvm_shlib_dir = config.llvm_libs_dir
config.host_triple = config.target_triple = ""
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.use_clang(required=True)

# clang's tree defines %analyze; out of tree it is ours to define.
config.substitutions.append(("%analyze", ""))

runtime = "-std=c++20 -I" + config.runtime_include
config.substitutions.extend([
    # The driver, not -cc1: the runtime's headers need the C++ library.
    ("%golife_analyze",
     config.clang + " --analyze -fplugin=" + config.analyzer_plugin +
     " -Xanalyzer -analyzer-output=text -Xclang -verify " + runtime +
     " -o /dev/null"),
    ("%plugin_analyzer", config.analyzer_plugin),
    ("%plugin_tidy", config.tidy_plugin),
    # clang-tidy alone, for CMake's CMAKE_CXX_CLANG_TIDY list.
    ("%{clang_tidy_path}", config.clang_tidy),
    ("%clang_tidy", config.clang_tidy + " --load=" + config.tidy_plugin),
    ("%golife_binary_dir", config.golife_binary_dir),
    ("%golife_source_dir", config.golife_source_dir),
    ("%golife_diff", config.python + " " +
     os.path.join(config.golife_binary_dir, "bin", "golife-diff")),
    ("%golife", config.golife_tool),
    ("%runtime_flags", runtime),
    ("%runtime_include", config.runtime_include),
    ("%python", config.python),
    ("%sarif_schema", config.sarif_schema),
    ("%scan_build", os.path.join(config.llvm_tools_dir, "scan-build")),
    # scan-build-py's driver over a compilation database, and the index
    # builder its --ctu runs.
    ("%scanbuildpy", os.path.join(config.llvm_tools_dir, "analyze-build")),
    ("%extdef_mapping",
     os.path.join(config.llvm_tools_dir, "clang-extdef-mapping")),
    ("%host_cxx", os.path.join(config.llvm_tools_dir, "clang++")),
    # LLVM 19's own clang-format: other versions format differently.
    ("%clang_format", os.path.join(config.llvm_tools_dir, "clang-format")),
])
