import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { MailDispatcher } from './mail-dispatcher.service.js';
import { Mail } from './mail.entity.js';
import { MailService } from './mail.service.js';
import { MailNotifierCursor, MailReminder } from './mail-notifier-state.entity.js';
import { MailNotifier } from './mail-notifier.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Mail, MailNotifierCursor, MailReminder]), CredentialsModule],
  providers: [MailService, MailDispatcher, MailNotifier],
  exports: [MailService],
})
export class MailModule {}
