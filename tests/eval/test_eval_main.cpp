// test_eval: every test class of core/eval in one executable (one executable per area).

#include <QCoreApplication>

#include "eval/eval_test_support.h"

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    using namespace actbert::eval::testing;
    int failures = 0;
    failures += runCaptionMetricTests(argc, argv);
    failures += runCaptionCliTests(argc, argv);
    failures += runTaskMetricTests(argc, argv);
    failures += runScoreCliTests(argc, argv);
    return failures;
}
