export * from './bus.ts';
export { createInProcessBus, type InProcessBusOptions } from './in-process-bus.ts';
export {
  createRabbitMqBus,
  type RabbitMqBusOptions,
  type RabbitMqEventBus,
} from './rabbitmq/rabbitmq-bus.ts';
