#include "thresholdsdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace Shipdeck {

ThresholdsDialog::ThresholdsDialog(const VerdictThresholds &thresholds, QWidget *parent)
    : QDialog(parent)
    , m_errors(new QDoubleSpinBox(this))
    , m_ratio(new QDoubleSpinBox(this))
    , m_floor(new QDoubleSpinBox(this))
    , m_minutes(new QSpinBox(this))
{
    setWindowTitle(tr("Release Health Thresholds"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A release is judged against the previous one over the same time since each deploy. "
                                "Over one threshold it gets a warning; over both rate thresholds, or under the "
                                "crash-free floor, it is critical."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_errors->setRange(0.1, 1e6);
    m_errors->setDecimals(1);
    m_errors->setSuffix(tr(" errors/min"));
    m_errors->setToolTip(tr("The new release's error rate at or above this is too high, whatever the previous did."));
    form->addRow(tr("&Error rate at least:"), m_errors);
    m_ratio->setRange(1.1, 1000);
    m_ratio->setDecimals(1);
    m_ratio->setSingleStep(0.5);
    m_ratio->setSuffix(tr("× the previous release"));
    m_ratio->setToolTip(tr("The new release's error rate (per session when Sentry has sessions) compared with the "
                           "previous release's since its deploy."));
    form->addRow(tr("&Or at least:"), m_ratio);
    m_floor->setRange(50, 100);
    m_floor->setDecimals(1);
    m_floor->setSuffix(tr(" %"));
    m_floor->setToolTip(tr("Crash-free sessions below this are critical."));
    form->addRow(tr("&Crash-free sessions below:"), m_floor);
    m_minutes->setRange(1, 24 * 60);
    m_minutes->setSuffix(tr(" min after the deploy"));
    m_minutes->setToolTip(tr("Before this there is too little data for a verdict."));
    form->addRow(tr("&Judge from:"), m_minutes);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setThresholds(VerdictThresholds()); });
    layout->addWidget(buttons);
    setThresholds(thresholds);
}

ThresholdsDialog::~ThresholdsDialog() = default;

VerdictThresholds ThresholdsDialog::thresholds() const
{
    VerdictThresholds t;
    t.maxErrorsPerMinute = m_errors->value();
    t.maxRatio = m_ratio->value();
    t.crashFreeFloor = m_floor->value() / 100;
    t.minMinutes = m_minutes->value();
    return t.bounded();
}

void ThresholdsDialog::setThresholds(const VerdictThresholds &thresholds)
{
    const VerdictThresholds t = thresholds.bounded();
    m_errors->setValue(t.maxErrorsPerMinute);
    m_ratio->setValue(t.maxRatio);
    m_floor->setValue(t.crashFreeFloor * 100);
    m_minutes->setValue(int(std::lround(t.minMinutes)));
}

} // namespace Shipdeck
