# Read by CTest before a run (see TEST_INCLUDE_FILES in CMakeLists.txt): lists the
# suites of the GoogleTest binary SCHAKEL_TESTS_BINARY and adds one CTest test per
# suite. A suite runs in one process: starting the sanitized binary costs about
# half a second, which per test was a third of the whole run. A suite with a
# skipped test (PostgreSQL missing) is reported as skipped, never as passed.
execute_process(
  COMMAND "${SCHAKEL_TESTS_BINARY}" --gtest_list_tests
  OUTPUT_VARIABLE listing
  ERROR_VARIABLE listing_errors
  RESULT_VARIABLE listing_result
  TIMEOUT 120)
if(NOT listing_result EQUAL 0)
  # Shown as a failing test that says why, rather than as no tests at all.
  add_test(GoogleTest.ListsItsSuites "${SCHAKEL_TESTS_BINARY}" --gtest_list_tests)
  return()
endif()
string(REPLACE ";" "," listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
foreach(line IN LISTS lines)
  # A suite line is "Suite." or "Suite/Instance.  # TypeParam = ..."; tests are indented.
  if(line MATCHES "^([A-Za-z_0-9/]+)\\.")
    set(suite "${CMAKE_MATCH_1}")
    add_test("${suite}" "${SCHAKEL_TESTS_BINARY}" "--gtest_filter=${suite}.*")
    set_tests_properties("${suite}" PROPERTIES
      TIMEOUT 900
      SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]")
  endif()
endforeach()
