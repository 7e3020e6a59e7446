// test_text: every test class of core/text in one executable (one executable per area).
// Qt Test runs one class per qExec call; the exit code is the total number of failures.

#include <QCoreApplication>

#include "text/text_test_support.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    using namespace actbert::text::testing;
    int failures = 0;
    failures += runTokenizerTests(argc, argv);
    failures += runTrainerTests(argc, argv);
    failures += runVerbTests(argc, argv);
    failures += runNarrationTests(argc, argv);
    failures += runActionTests(argc, argv);
    failures += runCliTests(argc, argv);
    return failures;
}
