import Foundation
import Hummingbird

/// Asks for the token and sets it as an HTTP-only, same-site cookie. Plain HTML, no script.
enum LoginPage {
    static let path = "/login"
    static let cookieName = "pstscope_token"

    static func add(to router: Router<BasicRequestContext>, token: AccessToken) {
        router.get("login") { _, _ in response(status: .ok, failed: false) }
        router.post("login") { request, _ in
            struct Form: Decodable { let token: String }
            let body = try await request.body.collect(upTo: 4096)
            let given = (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body)))?.token
            guard let given, token.matches(given) else { return response(status: .unauthorized, failed: true) }
            var redirect = Response(status: .seeOther, headers: [.location: "/"])
            redirect.setCookie(Cookie(name: cookieName, value: given, path: "/",
                                      httpOnly: true, sameSite: .strict))
            return redirect
        }
    }

    static func response(status: HTTPResponse.Status, failed: Bool) -> Response {
        let message = failed ? "<p class=\"error\">That is not this server's token.</p>\n" : ""
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>pstscope: sign in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main class="login"><h1>pstscope</h1>
            <p>This server needs its access token (the first line of its --token-file).</p>
            \(message)<form method="post" action="/login"><label>Token <input type="password" name="token" autocomplete="off" required></label>
            <button type="submit">Sign in</button></form></main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
