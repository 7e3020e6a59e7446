# Compiler launcher, warnings and sanitizers shared by every target of the project.

find_program(ACTBERT_CCACHE ccache)
if(ACTBERT_CCACHE)
    # Precompiled headers and ccache work together only with these sloppiness settings.
    # BASEDIR + NOHASHDIR let a fresh clone elsewhere (CI) reuse what an earlier build cached.
    set(_launcher "${CMAKE_COMMAND};-E;env;"
        "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;"
        "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR};CCACHE_NOHASHDIR=1;CCACHE_MAXSIZE=15G;"
        "${ACTBERT_CCACHE}")
    string(REPLACE ";;" ";" _launcher "${_launcher}")
    set(CMAKE_C_COMPILER_LAUNCHER "${_launcher}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${_launcher}")
endif()

# Qt's slots/signals/emit macros clash with LibTorch: use Q_SLOTS, Q_SIGNALS, Q_EMIT.
add_compile_definitions(QT_NO_KEYWORDS)

set(ACTBERT_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wno-unused-parameter)
if(ACTBERT_WARNINGS_AS_ERRORS)
    list(APPEND ACTBERT_WARNING_FLAGS -Werror)
endif()

if(ACTBERT_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
