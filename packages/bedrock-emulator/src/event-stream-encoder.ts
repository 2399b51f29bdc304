import { crc32 } from 'node:zlib';

/** Header value type 7 = string; the only type Bedrock's Converse stream uses. */
const STRING_HEADER_TYPE = 7;
/** total length + headers length + prelude CRC. */
const PRELUDE_LENGTH = 12;
const MESSAGE_CRC_LENGTH = 4;

/**
 * Encodes one `application/vnd.amazon.eventstream` frame:
 * `[total u32][headers len u32][prelude crc32][headers][payload][message crc32]`, big-endian,
 * each header `[name len u8][name][type u8 = 7][value len u16][value]`.
 */
export function encodeFrame(headers: Readonly<Record<string, string>>, payload: Uint8Array): Buffer {
  const headerBytes = encodeHeaders(headers);
  const totalLength = PRELUDE_LENGTH + headerBytes.length + payload.length + MESSAGE_CRC_LENGTH;
  const frame = Buffer.alloc(totalLength);
  frame.writeUInt32BE(totalLength, 0);
  frame.writeUInt32BE(headerBytes.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headerBytes.copy(frame, PRELUDE_LENGTH);
  frame.set(payload, PRELUDE_LENGTH + headerBytes.length);
  frame.writeUInt32BE(
    crc32(frame.subarray(0, totalLength - MESSAGE_CRC_LENGTH)),
    totalLength - MESSAGE_CRC_LENGTH,
  );
  return frame;
}

function encodeHeaders(headers: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    if (nameBytes.length > 0xff) throw new RangeError(`Event-stream header name too long: ${name}`);
    if (valueBytes.length > 0xffff) throw new RangeError(`Event-stream header value too long for ${name}`);
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = header.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(header, offset);
    offset = header.writeUInt8(STRING_HEADER_TYPE, offset);
    offset = header.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(header, offset);
    parts.push(header);
  }
  return Buffer.concat(parts);
}

/** An event frame of the ConverseStream output, e.g. `messageStart` or `contentBlockDelta`. */
export function encodeEvent(eventType: string, payload: unknown): Buffer {
  return encodeFrame(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(payload), 'utf8'),
  );
}

/** An exception frame: the SDK throws it as the modelled exception named by `exceptionType`. */
export function encodeException(exceptionType: string, message: string): Buffer {
  return encodeFrame(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}
