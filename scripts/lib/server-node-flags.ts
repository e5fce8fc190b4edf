/**
 * Node options every web process starts with: `npm start`, the systemd web unit and the
 * Dockerfile pass them on tsx's command line, and the benches start their servers with them, so the
 * figures are those of the shipped set-up. (Node refuses them in NODE_OPTIONS, and V8 reads them only
 * before the heap exists, so the process cannot set them on itself.)
 *
 * `--initial-old-space-size`: V8 skips full collections while the old generation is below this size.
 * V8 counts the sockets' young buffers against the old generation's limit, and after an idle spell it
 * sets that limit just above the live heap (~50 MB): a 1 GB upload then ran a full collection every
 * 70-100 ms and took twice Apache's time (bench/README.md, twelfth pass). 96 MB keeps room for the
 * ~32 MB of buffers between two young collections; 64 MB did not.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=96']
