#pragma once

#include "sentry/releaseverdict.h"

#include <QDialog>

class QDoubleSpinBox;
class QSpinBox;

namespace Shipdeck {

/**
 * Edits when a release counts as unhealthy (VerdictThresholds): the error rate per minute, the ratio to the
 * previous release since deploy, the crash-free sessions floor and how long after the deploy a verdict starts.
 * "Restore Defaults" puts the built-in values back.
 */
class ThresholdsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ThresholdsDialog(const VerdictThresholds &thresholds, QWidget *parent = nullptr);
    ~ThresholdsDialog() override;

    [[nodiscard]] VerdictThresholds thresholds() const;
    void setThresholds(const VerdictThresholds &thresholds);

private:
    QDoubleSpinBox *m_errors;
    QDoubleSpinBox *m_ratio;
    QDoubleSpinBox *m_floor;
    QSpinBox *m_minutes;
};

} // namespace Shipdeck
