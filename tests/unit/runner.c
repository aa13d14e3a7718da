/* runner.c: runs every CUnit suite (one per tests/unit/test_NAME.c) and prints the summary. */
#include <CUnit/Basic.h>
#include <libxml/parser.h>

#include "tk_test.h"

unsigned tk_test_skipped;

#define X(name) void tk_suite_##name(void);
#include "suites.h"
#undef X

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    xmlInitParser();
#define X(name) tk_suite_##name();
#include "suites.h"
#undef X
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned asserts_failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    if (tk_test_skipped > 0)
        printf("unit: %u skipped\n", tk_test_skipped);
    xmlCleanupParser();
    return (failed > 0 || asserts_failed > 0) ? 1 : 0;
}
