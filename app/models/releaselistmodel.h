#pragma once

#include "services/releasemanager.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>

namespace Shipdeck {

/**
 * All releases as a table, in the manager's order. Follows ReleaseManager row by row (insert, dataChanged, remove;
 * never a reset for a single change). Editing a cell changes the release through the manager, so every other
 * model shows the change at once.
 */
class ReleaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        TitleColumn,
        StartColumn,
        EndColumn,
        EnvironmentsColumn,
        StatusColumn,
        OwnerColumn,
        ColumnCount,
    };
    Q_ENUM(Column)

    explicit ReleaseListModel(QObject *parent = nullptr);
    ~ReleaseListModel() override;

    void setReleaseManager(ReleaseManager *manager);
    [[nodiscard]] ReleaseManager *releaseManager() const { return m_manager; }

    /// The row of the release @p id, or -1.
    [[nodiscard]] int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onAdded(const QString &id);
    void onChanged(const QString &id);
    void onRemoved(const QString &id);

    QPointer<ReleaseManager> m_manager;
    QStringList m_ids;
};

} // namespace Shipdeck
