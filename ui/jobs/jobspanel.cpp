#include "ui/jobs/jobspanel.h"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

#include "ui/jobs/jobbridge.h"

namespace actbert::ui {

namespace {

constexpr int kProgressSteps = 1000;
constexpr std::size_t kKeptEndedRows = 200;

QString formatSecondsLeft(double seconds) {
    const auto total = static_cast<long long>(std::ceil(seconds));
    if (total < 60) {
        return JobsPanel::tr("%1 s").arg(total);
    }
    if (total < 3600) {
        return JobsPanel::tr("%1 min %2 s").arg(total / 60).arg(total % 60);
    }
    return JobsPanel::tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60);
}

}  // namespace

JobsPanel::JobsPanel(JobBridge& bridge, QWidget* parent)
    : QDockWidget(tr("Jobs"), parent), bridge_(bridge) {
    setObjectName(QStringLiteral("jobs_panel"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* split = new QSplitter(Qt::Vertical);
    list_ = new QTreeWidget;
    list_->setColumnCount(ColumnCount);
    list_->setHeaderLabels(
        {tr("Job"), tr("For"), tr("State"), tr("Progress"), tr("Time left"), tr("Message")});
    list_->setRootIsDecorated(false);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->header()->setStretchLastSection(true);
    log_ = new QPlainTextEdit;
    log_->setReadOnly(true);
    log_->setPlaceholderText(tr("The selected job's log"));
    split->addWidget(list_);
    split->addWidget(log_);
    cancel_ = new QPushButton(tr("Cancel job"));
    cancel_->setEnabled(false);
    layout->addWidget(split);
    layout->addWidget(cancel_);
    setWidget(body);

    connect(&bridge_, &JobBridge::jobChanged, this, &JobsPanel::update);
    connect(list_, &QTreeWidget::itemSelectionChanged, this, &JobsPanel::showSelected);
    connect(cancel_, &QPushButton::clicked, this, &JobsPanel::cancelSelected);
}

QString JobsPanel::kindTitle(const std::string& kind) {
    if (kind == "import") {
        return tr("Import");
    }
    if (kind == "export") {
        return tr("Export");
    }
    if (kind == "open-video") {
        return tr("Open video");
    }
    if (kind == "thumbnail") {
        return tr("Thumbnail");
    }
    if (kind == "demo") {
        return tr("Demo preparation");
    }
    return QString::fromStdString(kind);
}

QString JobsPanel::stateTitle(jobs::JobState state) {
    switch (state) {
        case jobs::JobState::Queued:
            return tr("Queued");
        case jobs::JobState::Running:
            return tr("Running");
        case jobs::JobState::Finished:
            return tr("Finished");
        case jobs::JobState::Failed:
            return tr("Failed");
        case jobs::JobState::Cancelled:
            return tr("Cancelled");
    }
    return {};
}

int JobsPanel::jobCount() const {
    return list_->topLevelItemCount();
}

QTreeWidgetItem* JobsPanel::rowOf(jobs::JobId id) const {
    const auto it = rows_.find(id);
    return it == rows_.end() ? nullptr : it->second;
}

void JobsPanel::select(jobs::JobId id) {
    if (QTreeWidgetItem* row = rowOf(id)) {
        list_->setCurrentItem(row);
    }
}

void JobsPanel::update(const jobs::JobStatus& status) {
    jobs_[status.id] = status;
    QTreeWidgetItem*& row = rows_[status.id];
    if (row == nullptr) {
        row = new QTreeWidgetItem(list_);
        row->setData(KindColumn, Qt::UserRole, QVariant::fromValue<qulonglong>(status.id));
        auto* bar = new QProgressBar;
        bar->setRange(0, kProgressSteps);
        list_->setItemWidget(row, ProgressColumn, bar);
    }
    row->setText(KindColumn, kindTitle(status.kind));
    row->setText(OwnerColumn, QString::fromStdString(status.owner));
    row->setToolTip(OwnerColumn, QString::fromStdString(status.owner));
    row->setText(StateColumn, stateTitle(status.state));
    if (auto* bar = qobject_cast<QProgressBar*>(list_->itemWidget(row, ProgressColumn))) {
        bar->setValue(static_cast<int>(std::lround(status.progress.fraction * kProgressSteps)));
    }
    const auto left =
        status.state == jobs::JobState::Running ? status.secondsLeft() : std::optional<double>{};
    row->setText(TimeLeftColumn, left ? formatSecondsLeft(*left) : QString());
    row->setText(MessageColumn, QString::fromStdString(status.last_message));

    // Keep the list bounded: the oldest ended jobs go first.
    std::size_t ended = 0;
    for (const auto& [id, known] : jobs_) {
        ended += known.isEnded() ? 1 : 0;
    }
    for (auto it = jobs_.begin(); it != jobs_.end() && ended > kKeptEndedRows;) {
        if (it->second.isEnded()) {
            delete rows_.at(it->first);
            rows_.erase(it->first);
            it = jobs_.erase(it);
            --ended;
        } else {
            ++it;
        }
    }
    showSelected();
}

void JobsPanel::showSelected() {
    QTreeWidgetItem* row = list_->currentItem();
    const auto it = row == nullptr ? jobs_.end()
                                   : jobs_.find(row->data(KindColumn, Qt::UserRole).toULongLong());
    if (it == jobs_.end()) {
        cancel_->setEnabled(false);
        log_->clear();
        return;
    }
    const jobs::JobStatus& status = it->second;
    cancel_->setEnabled(!status.isEnded());
    QStringList lines;
    for (const std::string& line : status.log) {
        lines.append(QString::fromStdString(line));
    }
    if (!status.error.empty()) {
        lines.append(tr("Failed: %1").arg(QString::fromStdString(status.error)));
    }
    const QString text = lines.join(QLatin1Char('\n'));
    if (log_->toPlainText() != text) {
        log_->setPlainText(text);
    }
}

void JobsPanel::cancelSelected() {
    if (QTreeWidgetItem* row = list_->currentItem()) {
        bridge_.cancel(row->data(KindColumn, Qt::UserRole).toULongLong());
    }
}

}  // namespace actbert::ui
