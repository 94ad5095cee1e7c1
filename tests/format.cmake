# Fails when any C++ file is not formatted with the repository's .clang-format.
file(GLOB_RECURSE files ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files} RESULT_VARIABLE rc ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Unformatted code; run: clang-format -i <files>\n${out}")
endif()
list(LENGTH files count)
message(STATUS "${count} files are formatted")
