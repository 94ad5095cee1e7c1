# cmake -DSOURCE_DIR=… -DDEST_DIR=… -DNPM=… -P setup.cmake
# Copies the contract-test sources to DEST_DIR and installs the locked npm packages there (`npm ci`). The install is
# skipped when DEST_DIR/node_modules was made from the same package-lock.json (stamp), so repeated ctest runs need no
# network. --prefer-offline lets npm use its cache before the registry.
foreach(var SOURCE_DIR DEST_DIR NPM)
  if(NOT ${var})
    message(FATAL_ERROR "setup.cmake: ${var} not set")
  endif()
endforeach()

file(MAKE_DIRECTORY ${DEST_DIR})
foreach(f package.json package-lock.json validate.mjs exceptions.mjs)
  file(COPY_FILE ${SOURCE_DIR}/${f} ${DEST_DIR}/${f} ONLY_IF_DIFFERENT)
endforeach()
foreach(d lib schemas)
  file(REMOVE_RECURSE ${DEST_DIR}/${d})
  file(COPY ${SOURCE_DIR}/${d} DESTINATION ${DEST_DIR})
endforeach()

file(SHA256 ${SOURCE_DIR}/package-lock.json lock_hash)
set(stamp ${DEST_DIR}/node_modules/.shipdeck-lock-sha256)
if(EXISTS ${stamp})
  file(READ ${stamp} installed_hash)
  if(installed_hash STREQUAL lock_hash)
    message(STATUS "node_modules is up to date with package-lock.json")
    return()
  endif()
endif()

execute_process(
  COMMAND ${NPM} ci --no-audit --no-fund --prefer-offline
  WORKING_DIRECTORY ${DEST_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${result}) in ${DEST_DIR}")
endif()
file(WRITE ${stamp} ${lock_hash})
