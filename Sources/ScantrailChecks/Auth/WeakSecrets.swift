/// HMAC secrets found in tutorials, framework defaults and leaked configurations: a JWT signed
/// with one of them can be forged by anyone. They head ``JWTKeyDictionary``, before the
/// generated candidates and the word lists.
enum WeakSecrets {
    /// The defaults forged tokens are signed with, one request each per secured operation:
    /// jwt.io's old and new sample keys and the two words tutorials use most.
    static let mostCommon = ["secret", "your-256-bit-secret", "a-string-secret-at-least-256-bits-long", "changeme"]

    static let all = [
        "secret", "secretkey", "secret_key", "secret-key", "mysecret", "my_secret", "my-secret", "supersecret",
        "super-secret", "topsecret", "jwt", "jwtsecret", "jwt_secret", "jwt-secret", "jwtkey", "jwt_key",
        "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "your_jwt_secret", "changeme",
        "change_me", "change-me", "changeit", "password", "passw0rd", "p@ssw0rd", "123456", "1234567890",
        "12345678", "qwerty", "letmein", "admin", "administrator", "root", "test", "testing", "test123", "dev",
        "development", "prod", "production", "default", "key", "private", "privatekey", "private_key", "token",
        "tokensecret", "auth", "authsecret", "api", "apikey", "api_key", "apisecret", "app", "appsecret",
        "app_secret", "application", "server", "hmac", "hmacsecret", "signing", "signingkey", "s3cr3t", "s3cret",
        "shhhhh", "keyboard cat", "example", "demo", "sample", "hello", "welcome", "node", "express", "flask",
        "django", "rails", "spring", "laravel", "gin", "secret123", "secret1", "Secret", "SECRET", "SecretKey",
        "SECRET_KEY", "JWT_SECRET", "a-string-secret-at-least-256-bits-long", "shhhh", "notasecret", "dev-secret",
        "mysecretkey", "my_secret_key", "my-secret-key", "mySecretKey", "jwt-secret-key", "jwt_secret_key",
        "super_secret_key", "supersecretkey", "thisismysecret", "ThisIsMySecret", "thisisasecret", "ThisIsASecretKey",
        "my-32-character-ultra-secure-and-ultra-long-secret", "hard to guess string", "default-secret",
        "defaultsecret", "please-change-me", "change-this-secret", "replace-me", "insecure", "unsafe", "sekret",
        "s3cr3t_k3y", "secret-jwt", "jwt-key", "access_secret", "refresh_secret", "accesstokensecret",
        "ACCESS_TOKEN_SECRET", "REFRESH_TOKEN_SECRET", "TOKEN_SECRET", "token_secret", "app-secret", "session_secret",
        "sessionsecret", "cookie_secret", "HS256", "HS256-secret", "gin-jwt", "fastapi", "nestjs", "koa", "strapi",
        "supabase", "hasura", "keycloak", "jhipster", "my-secret-token-to-change-in-production",
    ]
}
