#include "net/apierror.h"

#include <QStandardPaths>
#include <QTest>

using Shipdeck::ApiError;
using Kind = Shipdeck::ApiError::Kind;

Q_DECLARE_METATYPE(Shipdeck::ApiError::Kind)

class ApiErrorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void isTransient_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("transient");

        QTest::newRow("none") << Kind::None << 0 << false;
        QTest::newRow("invalid URL") << Kind::InvalidUrl << 0 << false;
        QTest::newRow("host not found") << Kind::HostNotFound << 0 << false;
        QTest::newRow("connection refused") << Kind::ConnectionRefused << 0 << false;
        QTest::newRow("timeout") << Kind::Timeout << 0 << true;
        QTest::newRow("TLS") << Kind::Tls << 0 << false;
        QTest::newRow("network (reset)") << Kind::Network << 0 << true;
        QTest::newRow("401") << Kind::Unauthorized << 401 << false;
        QTest::newRow("403") << Kind::Forbidden << 403 << false;
        QTest::newRow("404") << Kind::NotFound << 404 << false;
        QTest::newRow("429") << Kind::RateLimited << 429 << true;
        QTest::newRow("422") << Kind::ClientError << 422 << false;
        QTest::newRow("500") << Kind::ServerError << 500 << true;
        QTest::newRow("501") << Kind::ServerError << 501 << false;
        QTest::newRow("502") << Kind::ServerError << 502 << true;
        QTest::newRow("503") << Kind::ServerError << 503 << true;
        QTest::newRow("504") << Kind::ServerError << 504 << true;
        QTest::newRow("505") << Kind::ServerError << 505 << false;
        QTest::newRow("malformed JSON") << Kind::MalformedJson << 200 << false;
        QTest::newRow("truncated body") << Kind::TruncatedBody << 200 << true;
        QTest::newRow("cancelled") << Kind::Cancelled << 0 << false;
    }

    void isTransient()
    {
        QFETCH(Kind, kind);
        QFETCH(int, status);
        QFETCH(bool, transient);
        ApiError error;
        error.kind = kind;
        error.httpStatus = status;
        QCOMPARE(error.isTransient(), transient);
        QCOMPARE(error.isError(), kind != Kind::None);
    }
};

QTEST_GUILESS_MAIN(ApiErrorTest)
#include "tst_apierror.moc"
