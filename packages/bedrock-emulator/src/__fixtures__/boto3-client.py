"""A thin boto3 client for the emulator's tests: an independent implementation of the wire.

Reads {"endpoint", "region", "cases": [{"operation"?, "validate"?, "request"}]} as JSON on stdin,
sends each request with boto3 (Converse, or ConverseStream when "operation" is "converse_stream";
"validate": false turns off boto3's own check of the Smithy constraints, so the request reaches the
service as it does from a client that does not check them, such as the AWS SDK for JavaScript) and prints
one result per case as JSON: {"ok": true, "text", "stopReason", "toolUses", "reasoning", "usage",
"served"} or
{"ok": false, "code", "message", "status"}. "toolUses" are the reply's toolUse blocks ({toolUseId, name, input});
"reasoning" its reasoning blocks ({text, signature} or {redacted: base64}); "served" the
serviceTier and performanceConfig the response (or the stream's metadata event) reports;
from a stream, put together as a client does: id and name from contentBlockStart, input from the
JSON text of the deltas. Assertions live in the TypeScript test that runs this script.

Binary members cannot travel in JSON: {"$bytes": N} stands for N zero bytes, which boto3 then
base64-encodes on the wire as it would a real image; {"$base64": "…"} stands for those bytes.
"""

import base64
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def materialise(value):
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return bytes(value["$bytes"])
        if set(value) == {"$base64"}:
            return base64.b64decode(value["$base64"])
        return {key: materialise(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [materialise(inner) for inner in value]
    return value


def reply_text(blocks):
    return "".join(block.get("text", "") for block in blocks)


def tool_uses(blocks):
    return [block["toolUse"] for block in blocks if "toolUse" in block]


def reasoning_of(blocks):
    found = []
    for block in blocks:
        reasoning = block.get("reasoningContent")
        if reasoning is None:
            continue
        if "redactedContent" in reasoning:
            found.append({"redacted": base64.b64encode(reasoning["redactedContent"]).decode("ascii")})
        else:
            found.append(reasoning["reasoningText"])
    return found


def served_of(carrier):
    return {key: carrier[key] for key in ("serviceTier", "performanceConfig") if key in carrier}


def read_stream(stream):
    text, stop_reason, started, inputs, usage, served = "", None, {}, {}, None, {}
    thoughts = {}
    for event in stream:
        if "contentBlockStart" in event:
            start = event["contentBlockStart"]
            started[start["contentBlockIndex"]] = start["start"]["toolUse"]
        if "contentBlockDelta" in event:
            delta = event["contentBlockDelta"]
            text += delta["delta"].get("text", "")
            if "reasoningContent" in delta["delta"]:
                part = delta["delta"]["reasoningContent"]
                thought = thoughts.setdefault(delta["contentBlockIndex"], {})
                if "redactedContent" in part:
                    thought["redacted"] = base64.b64encode(part["redactedContent"]).decode("ascii")
                if "text" in part:
                    thought["text"] = thought.get("text", "") + part["text"]
                if "signature" in part:
                    thought["signature"] = part["signature"]
            if "toolUse" in delta["delta"]:
                index = delta["contentBlockIndex"]
                inputs[index] = inputs.get(index, "") + delta["delta"]["toolUse"]["input"]
        if "messageStop" in event:
            stop_reason = event["messageStop"]["stopReason"]
        if "metadata" in event:
            usage = event["metadata"].get("usage")
            served = served_of(event["metadata"])
    uses = [
        {**start, "input": json.loads(inputs.get(index, "{}"))} for index, start in sorted(started.items())
    ]
    reasoning = [thought for _, thought in sorted(thoughts.items())]
    return {
        "ok": True,
        "text": text,
        "stopReason": stop_reason,
        "toolUses": uses,
        "reasoning": reasoning,
        "usage": usage,
        "served": served,
    }


def run(clients, case):
    client = clients[case.get("validate", True)]
    request = materialise(case["request"])
    try:
        if case.get("operation") == "converse_stream":
            return read_stream(client.converse_stream(**request)["stream"])
        response = client.converse(**request)
        content = response["output"]["message"]["content"]
        return {
            "ok": True,
            "text": reply_text(content),
            "stopReason": response["stopReason"],
            "toolUses": tool_uses(content),
            "reasoning": reasoning_of(content),
            "usage": response.get("usage"),
            "served": served_of(response),
        }
    except ClientError as error:
        return {
            "ok": False,
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }


def main():
    spec = json.load(sys.stdin)

    def client(validate):
        return boto3.client(
            "bedrock-runtime",
            region_name=spec["region"],
            endpoint_url=spec["endpoint"],
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="emulator-secret",
            config=Config(retries={"total_max_attempts": 1}, parameter_validation=validate),
        )

    clients = {True: client(True), False: client(False)}
    json.dump([run(clients, case) for case in spec["cases"]], sys.stdout)


if __name__ == "__main__":
    main()
