// The SDK warns once per process that Node 20 support ends; the warning is about our
// runtime, not the behaviour under test, and it would bury real output. jest's `setupFiles`
// runs this before any test module, so before any client is made (the SDK reads it at client
// construction); child processes the tests spawn inherit it through `process.env`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
