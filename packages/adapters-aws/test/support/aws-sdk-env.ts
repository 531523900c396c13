// The SDK warns once per process that Node 20 support ends; the warning is about our
// runtime, not the behaviour under test, and it would bury real output. Set before any
// client is made (the SDK reads it at client construction).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
