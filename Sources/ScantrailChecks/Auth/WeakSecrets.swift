/// HMAC secrets found in tutorials, framework defaults and leaked configurations: a JWT signed
/// with one of them can be forged by anyone. Kept short on purpose (the test is offline and
/// bounded); a longer list belongs in a dedicated cracker.
enum WeakSecrets {
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
        "SECRET_KEY", "JWT_SECRET",
    ]
}
