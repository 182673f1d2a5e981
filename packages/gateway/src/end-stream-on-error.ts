/**
 * Passes a byte stream through, but turns a read error (a connection reset mid-stream) into a normal end, so the
 * transducer after it sees a stream that stopped early and answers with an error payload instead of the client
 * seeing a broken connection. `onError` learns what happened (for the log).
 */
export function endStreamOnError(source: ReadableStream<Uint8Array>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          onError(error);
          controller.close();
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
