/**
 * Bedrock's limits on media in a Converse request (Message, Bedrock Runtime API reference,
 * docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html): "You can include up to
 * 20 images. Each image's size, height, and width must be no more than 3.75 MB, 8000 px, and 8000 px,
 * respectively. You can include up to five documents. Each document's size must be no more than
 * 4.5 MB." "MB" is MiB: the model checks an image's base64 text against 5 MiB, which is 3.75 MiB of
 * bytes (the emulator's image rules cite the thread). Bedrock counts the whole request, history
 * included. PDFs above 4.5 MB have been seen to pass on some models; we keep to the documented limit.
 */
export const MAX_IMAGES = 20;
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 8000;
export const MAX_DOCUMENTS = 5;
export const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
