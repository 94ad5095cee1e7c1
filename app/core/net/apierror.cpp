#include "apierror.h"

namespace Shipdeck {

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Timeout:
    case Kind::Network:
    case Kind::RateLimited:
    case Kind::TruncatedBody:
        return true;
    case Kind::ServerError:
        // 501 Not Implemented, 505 and friends will not get better by asking again.
        return httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    case Kind::None:
    case Kind::InvalidUrl:
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::Tls:
    case Kind::Unauthorized:
    case Kind::Forbidden:
    case Kind::NotFound:
    case Kind::ClientError:
    case Kind::MalformedJson:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

} // namespace Shipdeck
