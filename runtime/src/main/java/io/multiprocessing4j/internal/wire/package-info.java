/**
 * The bytes between a parent and its children: the handshake, the frames, and the value codec.
 *
 * <h2>What lives here</h2>
 *
 * <ul>
 *   <li>{@link io.multiprocessing4j.internal.wire.FrameChannel}: length-prefixed frames over a
 *       socket; {@link io.multiprocessing4j.internal.wire.Handshake}: the secret exchange before
 *       the first frame.
 *   <li>One class per message body, each implementing
 *       {@link io.multiprocessing4j.internal.wire.Frame} with its own {@code write} and a static
 *       {@code read}, the only code that knows its layout, named beside its
 *       {@link io.multiprocessing4j.internal.wire.FrameType} constant:
 *       {@link io.multiprocessing4j.internal.wire.RunFrame},
 *       {@link io.multiprocessing4j.internal.wire.TasksFrame},
 *       {@link io.multiprocessing4j.internal.wire.ResultsFrame} (with
 *       {@link io.multiprocessing4j.internal.wire.ResultStatus}),
 *       {@link io.multiprocessing4j.internal.wire.CancelFrame},
 *       {@link io.multiprocessing4j.internal.wire.ReadyFrame},
 *       {@link io.multiprocessing4j.internal.wire.ShutdownFrame},
 *       {@link io.multiprocessing4j.internal.wire.ExitingFrame}. A new message is a new constant
 *       and a new class.
 *   <li>Tasks: {@link io.multiprocessing4j.internal.wire.TaskCall} is a task as the runtime
 *       carries it from the public API; {@link io.multiprocessing4j.internal.wire.TaskCodec}
 *       writes it (the one place that does) and reads it back;
 *       {@link io.multiprocessing4j.internal.wire.EncodedTask} is one task encoded ahead of
 *       sending; a {@link io.multiprocessing4j.internal.wire.TaskWriter} writes a map's tasks
 *       into a chunk from their parts, without a {@code TaskCall} each.
 *   <li>Values: {@link io.multiprocessing4j.internal.wire.Encoder},
 *       {@link io.multiprocessing4j.internal.wire.Decoder}, {@code Tag}, {@code RecordShape},
 *       {@link io.multiprocessing4j.internal.wire.SerialFilter},
 *       {@link io.multiprocessing4j.internal.wire.ThrowableCodec}; what cannot be encoded or
 *       decoded is a {@link io.multiprocessing4j.internal.wire.WireException} that says where.
 * </ul>
 *
 * <p>The codec holds no state of the layers above it: a frame knows its layout, not what a
 * pool or a process does with it.
 *
 * <h2>Threads and locks</h2>
 *
 * <p>Frames, encoders and decoders are confined to one thread at a time; whoever builds a frame
 * hands it over to the thread that sends it. A {@code FrameChannel} has one reading thread and
 * any number of senders, serialized by its write lock, a leaf: nothing is called while holding
 * it. A body its reader took ({@code takeBody}) may be given back ({@code reuse}) by any thread,
 * through an atomic reference, once nothing reads it. {@code TaskCodec}'s cache of recent
 * targets is guarded by its own monitor, also a leaf.
 *
 * <p>An encoder told to {@code holdLargeArrays} keeps references to the large byte arrays it is
 * given and the channel writes them from there: whoever sets it guarantees that nobody changes
 * those arrays until the frame is sent (a worker's results of a one-task unit, sent as soon as
 * the task returns; the parent's unit of a {@code Pool.apply}, whose caller waits it out).
 */
package io.multiprocessing4j.internal.wire;
