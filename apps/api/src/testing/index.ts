// The API's in-process harness for its own supertest specs (it needs createApp
// from this app). Everything shareable — databases, users, seeding, captured
// output, the built server in a child process — is in @vantix/testing.
export * from './test-api';
