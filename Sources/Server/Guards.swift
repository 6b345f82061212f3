import Foundation
import HTTPTypes
import Hummingbird
import MailModel
import Store

/// Outermost: every response, errors included, carries the security headers, and every error
/// leaves as JSON with its status. Nothing the server did not mean to say reaches the client:
/// an unexpected error is logged and answered with a bare 500.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Only the server's own scripts, styles and images; no frames, no plugins, no other origin.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = ErrorBody.response(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as any HTTPResponseError {
            response = ErrorBody.response(error.status, error.status.reasonPhrase)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(String(describing: error))")
            response = ErrorBody.response(.internalServerError, "the server could not answer this request")
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        return response
    }
}

/// The server only reads: any method but GET (and HEAD) is a 405 naming GET, except the login
/// form's POST.
struct MethodCheck<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head: return try await next(request, context)
        case .post where request.uri.path == LoginPage.path: return try await next(request, context)
        default: throw HTTPError(.methodNotAllowed, headers: [.allow: "GET"], message: "this server only reads: use GET")
        }
    }
}

/// With a token, every request but the login page's must carry it: `Authorization: Bearer …`
/// or the cookie the login page sets. Without it: 401, as JSON for the API and anything but a
/// GET, and the login page for a browser asking for a page.
struct TokenCheck<Context: RequestContext>: RouterMiddleware {
    let token: AccessToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == LoginPage.path || carriesToken(request) { return try await next(request, context) }
        if request.uri.path.hasPrefix("/api/") || request.method != .get {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "this server needs its access token")
        }
        return LoginPage.response(status: .unauthorized, failed: false)
    }

    private func carriesToken(_ request: Request) -> Bool {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           token.matches(header.dropFirst("Bearer ".count)) {
            return true
        }
        return request.cookies[LoginPage.cookieName].map { token.matches($0.value) } ?? false
    }
}

/// One line per request on standard error: method, path, status, milliseconds. Never the query
/// string: searches name people and subjects, which are case data.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let milliseconds = (ContinuousClock.now - started).milliseconds
        let line = "\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds)) ms\n"
        FileHandle.standardError.write(Data(line.utf8))
        return response
    }
}

/// `{"error": {"status": 400, "message": "…"}}`.
enum ErrorBody {
    static func response(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable { let status: Int; let message: String }
            let error: Detail
        }
        let text = (try? JSONDocument.line(Body(error: .init(status: status.code, message: message)))) ?? "{}"
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
