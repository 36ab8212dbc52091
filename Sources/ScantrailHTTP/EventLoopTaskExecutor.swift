import NIOCore

/// Runs Swift tasks on a NIO event loop. A scan's tasks and its connections share one loop, so
/// a request written by a task and the response resuming it need no hop between threads.
final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop the tasks and the connections run on.
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
