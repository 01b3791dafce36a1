import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { StartupTasksService } from './startup-tasks.service.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [StartupTasksService],
  exports: [StartupTasksService],
})
export class HealthModule {}
