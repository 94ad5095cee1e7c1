#pragma once

#include "services/releasemanager.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QStringList>

namespace Shipdeck {

struct Release;

/**
 * Releases in time order (planned start; unscheduled last), as the calendar and the agenda list show them.
 * A reschedule moves the row (beginMoveRows) instead of resetting the model.
 */
class ReleaseTimelineModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit ReleaseTimelineModel(QObject *parent = nullptr);
    ~ReleaseTimelineModel() override;

    void setReleaseManager(ReleaseManager *manager);
    [[nodiscard]] int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    [[nodiscard]] bool lessThan(const Release &a, const Release &b) const;
    [[nodiscard]] int insertionRow(const QStringList &ids, const Release &release) const;
    void onAdded(const QString &id);
    void onChanged(const QString &id);
    void onRemoved(const QString &id);

    QPointer<ReleaseManager> m_manager;
    QStringList m_ids;
};

} // namespace Shipdeck
