import { defaultRetryPolicy, groupQueueNames, type RunningService } from '@zefy/platform';
import amqp from 'amqplib';

/** Deletes the exchange and every queue a test namespace declared, so CI leaves the broker as it found it. */
export async function deleteRabbitNamespace(
  url: string,
  namespace: string,
  groups: readonly string[],
): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const group of groups) {
      const names = groupQueueNames(namespace, group, defaultRetryPolicy);
      for (const queue of [names.main, names.deadLetter, ...names.retries.map((retry) => retry.queue)]) {
        await channel.deleteQueue(queue);
      }
    }
    await channel.deleteExchange(`${namespace}.events`);
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** The consumer groups of the services running in one process: the queues their namespace declared. */
export const consumerGroupsOf = (services: readonly RunningService[]): string[] =>
  services.flatMap(
    (service) => service.module.subscriptions?.(service.deps).map((subscription) => subscription.group) ?? [],
  );
