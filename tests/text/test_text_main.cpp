// test_text: every test class of core/text in one executable (one executable per area).
// Qt Test runs one class per qExec call; any failure in any class makes the exit status 1.

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
    // Not the count itself: exit statuses are taken mod 256, so 256 failures would read as 0.
    return failures == 0 ? 0 : 1;
}
