import { AccessDeniedException } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { apiKeyFingerprint } from './auth.js';
import { converse, HAIKU_PROFILE, useEmulator, userText } from './sdk-test-clients.js';

const fixture = useEmulator({
  auth: {
    expiredAccessKeyIds: ['ASIAEXPIRED'],
    unrecognizedAccessKeyIds: ['AKIAUNKNOWN'],
    rejectedApiKeys: ['revoked-key'],
  },
});
const emulator = fixture.emulator;
const client = fixture.client;

describe('authentication', () => {
  it('answers a request without Authorization like Bedrock', async () => {
    const response = await fetch(`${emulator().url}/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [userText('hi')] }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({ Message: 'Authorization header is missing' });
    expect(emulator().requests[0]?.auth).toEqual({ scheme: 'none' });
  });

  it('keeps no secret header in the request log: not the key, not the session token', async () => {
    const response = await fetch(`${emulator().url}/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer secret-api-key',
        'x-amz-security-token': 'secret-session-token',
        'proxy-authorization': 'Basic c2VjcmV0',
        cookie: 'session=secret-cookie',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ messages: [userText('hi')] }),
    });
    expect(response.status).toBe(200);
    const [request] = emulator().requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(Object.keys(request?.headers ?? {})).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/authorization|security-token|cookie/)]),
    );
    expect(JSON.stringify(request)).not.toMatch(/secret/);
    expect(request?.auth).toEqual({ scheme: 'bearer', keyFingerprint: apiKeyFingerprint('secret-api-key') });
  });

  it('keeps no other secret-named header either, and every ordinary one', async () => {
    const secrets = {
      'x-auth-token': 'secret-1',
      'x-access-token': 'secret-2',
      'x-goog-api-key': 'secret-3',
      'x-session-token': 'secret-4',
      'x-amz-signature': 'secret-5',
      'x-amz-credential': 'AKIA/secret-6',
      'x-client-secret': 'secret-7',
      'x-password': 'secret-8',
      'set-cookie': 'b=secret-9',
      'x-amz-federation-token': 'secret-10',
      'x-amz-sso_bearer_token': 'secret-11',
      'x-access-key': 'secret-12',
    };
    const ordinary = {
      'x-amz-date': '20261202T000000Z',
      'x-amz-user-agent': 'aws-sdk-js/3',
      'x-amzn-bedrock-trace': 'ENABLED',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-keyboard-layout': 'dvorak',
    };
    const response = await fetch(`${emulator().url}/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json', ...secrets, ...ordinary },
      body: JSON.stringify({ messages: [userText('hi')] }),
    });
    expect(response.status).toBe(200);
    const [request] = emulator().requests;
    expect(JSON.stringify(request)).not.toMatch(/secret-\d/);
    expect(request?.headers).toMatchObject(ordinary);
  });

  it('drops compound and *-key secret names too, and keeps the ordinary Bedrock headers', async () => {
    const secrets = {
      authentication: 'secret-1',
      'x-authentication': 'secret-2',
      'x-authtoken': 'secret-3',
      'x-accesstoken': 'secret-4',
      'x-sessiontoken': 'secret-5',
      'x-secretkey': 'secret-6',
      privatekey: 'secret-7',
      'x-functions-key': 'secret-8',
      'ocp-apim-subscription-key': 'secret-9',
      'x-amz-server-side-encryption-customer-key': 'secret-10',
      'x-jwt': 'secret-11',
      'x-bearer': 'secret-12',
      'x-goog-iap-jwt-assertion': 'secret-13',
      'x-session-id': 'secret-14',
    };
    const ordinary = {
      'content-type': 'application/json',
      'user-agent': 'bedrock-chat-test',
      accept: 'application/json',
      'x-amz-date': '20261202T000000Z',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amzn-bedrock-trace': 'ENABLED',
      'x-amzn-bedrock-guardrailidentifier': 'gr-1',
      'x-amzn-bedrock-guardrailversion': 'DRAFT',
      'x-amzn-bedrock-performanceconfig-latency': 'optimized',
      'x-amzn-bedrock-service-tier': 'flex',
      'amz-sdk-invocation-id': 'inv-1',
    };
    const response = await fetch(`${emulator().url}/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', ...secrets, ...ordinary },
      body: JSON.stringify({ messages: [userText('hi')] }),
    });
    expect(response.status).toBe(200);
    const [request] = emulator().requests;
    expect(JSON.stringify(request)).not.toMatch(/secret-\d/);
    expect(request?.headers).toMatchObject(ordinary);
  });

  it('reports expired SigV4 credentials without retrying', async () => {
    const error = await client({ accessKeyId: 'ASIAEXPIRED', maxAttempts: 3 })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
  });

  it('reports unknown access keys as UnrecognizedClientException', async () => {
    const error = await client({ accessKeyId: 'AKIAUNKNOWN' })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('rejects a revoked API key and accepts any other', async () => {
    const error = await client({ auth: 'bearer', apiKey: 'revoked-key' })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as Error).message).toBe('Authentication failed: Please make sure your API Key is valid.');
    await expect(client({ auth: 'bearer', apiKey: 'anything' }).send(converse())).resolves.toBeDefined();
    expect(emulator().requests.map((request) => request.auth.scheme)).toEqual(['bearer', 'bearer']);
  });

  it('refuses a signature scoped to another region', async () => {
    const error = await client({ region: 'eu-west-1' })
      .send(converse())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
    expect(emulator().requests[0]?.region).toBe('eu-west-1');
  });
});

describe('protocol errors', () => {
  const headers = { authorization: 'Bearer test', 'content-type': 'application/json' };

  it('answers unknown routes with 404 UnknownOperationException', async () => {
    const response = await fetch(`${emulator().url}/model/x/invoke-something`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(emulator().requests[0]?.operation).toBe('Unknown');
  });

  it('answers malformed JSON with 400 SerializationException', async () => {
    const response = await fetch(`${emulator().url}/model/${HAIKU_PROFILE}/converse`, {
      method: 'POST',
      headers,
      body: '{"messages": [',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
    expect(await response.json()).toEqual({ message: 'The request body is not valid JSON.' });
    expect(emulator().requests[0]?.body).toBe('{"messages": [');
  });
});
