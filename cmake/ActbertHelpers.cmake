# Small functions that keep the per-folder CMakeLists.txt files short and uniform.

# actbert_warnings(target): the project's warning flags, for the project's own code only
# (third-party headers are included as SYSTEM by their imported targets).
function(actbert_warnings target)
    target_compile_options(${target} PRIVATE ${ACTBERT_WARNING_FLAGS})
endfunction()

# actbert_torch_pch(target): precompile <torch/torch.h> once per target. One translation unit
# that parses torch/torch.h costs ~25 s; with the PCH it costs a few.
function(actbert_torch_pch target)
    target_precompile_headers(${target} PRIVATE <torch/torch.h>)
endfunction()

# actbert_add_qtest(NAME name SOURCES ... LIBS ... LABELS fast|slow|gui|gpu [TIMEOUT s] [ENV k=v...])
# One Qt Test executable registered with CTest. Tests find the shared real data through
# ACTBERT_SHARED_DATA_DIR and their own build folder through ACTBERT_TEST_BINARY_DIR.
function(actbert_add_qtest)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        ACTBERT_SHARED_DATA_DIR="${ACTBERT_SHARED_DATA_DIR}"
        ACTBERT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        ACTBERT_TEST_BINARY_DIR="${CMAKE_CURRENT_BINARY_DIR}"
        ACTBERT_CLI_PATH="$<TARGET_FILE:actbert>")
    target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    actbert_warnings(${T_NAME})
    set_target_properties(${T_NAME} PROPERTIES AUTOMOC ON)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 600)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${T_ENV}")
    # Tests that drive the CLI need it built.
    add_dependencies(${T_NAME} actbert)
endfunction()

# actbert_add_bench(NAME name SOURCES ... LIBS ...): a benchmark executable (never a test).
function(actbert_add_bench)
    cmake_parse_arguments(B "" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${B_NAME} ${B_SOURCES})
    target_link_libraries(${B_NAME} PRIVATE ${B_LIBS})
    target_compile_definitions(${B_NAME} PRIVATE
        ACTBERT_SHARED_DATA_DIR="${ACTBERT_SHARED_DATA_DIR}")
    target_include_directories(${B_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/bench)
    actbert_warnings(${B_NAME})
    add_custom_target(run_${B_NAME} COMMAND ${B_NAME} USES_TERMINAL)
endfunction()
