#pragma once
// The studio's GUI tests are one executable (test_ui) made of several Qt Test classes, one
// per source file; main() runs each and fails if any failed.

int runTimelineTests(int argc, char** argv);
int runPlayerTests(int argc, char** argv);
int runStudioTests(int argc, char** argv);
int runImportExportTests(int argc, char** argv);
int runJobsUiTests(int argc, char** argv);
int runEditTests(int argc, char** argv);
